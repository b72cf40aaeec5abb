// D-Bus, through the kit's private dbus-daemon (runners/dbus/privateBus.ts): the D-Bus
// Specification and dbus-daemon(1). Every probe talks to that bus only, over private connections;
// its policy denies one interface and its max_message_size is exported to the probes, so the
// expectations below hold for whatever values the kit configured.
import { defineMechanism } from './schema.js';

const specification = (section: string) => ({ man: 'D-Bus Specification', section });
const daemon = (section: string) => ({ man: 'dbus-daemon(1)', section });
const tutorialDbus = { tutorial: 'ipc-tutorial.zh.md', section: '7. D-Bus' };

export default defineMechanism({
  id: 'dbus',
  title: { en: 'D-Bus message bus', zh: 'D-Bus 消息总线' },
  family: 'bus',
  manPages: ['dbus-daemon(1)'],
  properties: [
    {
      id: 'dbus.names.connection-gets-a-unique-name',
      kind: 'lifecycle',
      claim: {
        en: 'A connection that says Hello to the bus is given a unique name beginning with a colon.',
        zh: '连接向总线发送 Hello 后会得到一个以冒号开头的唯一名称。',
      },
      sources: [specification('Message Bus Names'), daemon('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'dbus', case: 'unique-name' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.names.unique-name-stays-the-same-for-the-connection',
      kind: 'lifecycle',
      claim: {
        en: 'For as long as a connection lasts, the bus names the same unique name as the owner of a name the connection holds, and it is the name Hello gave.',
        zh: '在连接存续期间，总线对该连接所持名称报告的所有者始终是同一个唯一名称，即 Hello 时分配的那个。',
      },
      sources: [specification('Message Bus Names'), specification('org.freedesktop.DBus.GetNameOwner')],
      expect: { equals: 1 },
      probes: [{ fixture: 'dbus', case: 'unique-name-stable' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.names.unique-names-are-never-reused',
      kind: 'lifecycle',
      claim: {
        en: 'Connections opened one after another, each closed before the next, all get different unique names: the bus never hands out a unique name twice.',
        zh: '依次打开（每次先关闭上一个）的多个连接得到的唯一名称互不相同：总线从不重复分配唯一名称。',
      },
      sources: [specification('Message Bus Names')],
      expect: { relation: 'equals-evidence', field: 'connections' },
      probes: [{ fixture: 'dbus', case: 'unique-names-distinct' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.names.request-for-owned-name-without-queueing-gives-exists',
      kind: 'permissions',
      claim: {
        en: 'A well-known name has one primary owner: asking for a name another process owns with DBUS_NAME_FLAG_DO_NOT_QUEUE is answered DBUS_REQUEST_NAME_REPLY_EXISTS.',
        zh: '知名名称只有一个主所有者：带 DBUS_NAME_FLAG_DO_NOT_QUEUE 请求已被其他进程拥有的名称，得到 DBUS_REQUEST_NAME_REPLY_EXISTS。',
      },
      sources: [specification('org.freedesktop.DBus.RequestName'), specification('Message Bus Names')],
      expect: { equals: 'EXISTS' },
      probes: [{ fixture: 'dbus', case: 'request-owned-name-do-not-queue' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.names.queued-requester-becomes-owner-when-owner-leaves',
      kind: 'lifecycle',
      claim: {
        en: 'A connection queued for an owned name (DBUS_REQUEST_NAME_REPLY_IN_QUEUE) becomes its primary owner when the owning process exits: GetNameOwner then names the queued connection.',
        zh: '排队等待已被占用名称的连接（DBUS_REQUEST_NAME_REPLY_IN_QUEUE），在原所有者进程退出后成为主所有者：此时 GetNameOwner 返回该排队连接。',
      },
      sources: [
        specification('org.freedesktop.DBus.RequestName'),
        specification('org.freedesktop.DBus.NameOwnerChanged'),
        specification('org.freedesktop.DBus.GetNameOwner'),
      ],
      expect: { equals: true },
      probes: [{ fixture: 'dbus', case: 'queued-requester-takes-over' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.names.owner-exit-releases-its-name',
      kind: 'lifecycle',
      claim: {
        en: 'When the process owning a well-known name exits and nobody is queued, the name is released: GetNameOwner answers org.freedesktop.DBus.Error.NameHasNoOwner.',
        zh: '拥有知名名称的进程退出且无人排队时，该名称被释放：GetNameOwner 返回 org.freedesktop.DBus.Error.NameHasNoOwner。',
      },
      sources: [
        specification('Message Bus Names'),
        specification('org.freedesktop.DBus.NameOwnerChanged'),
        specification('org.freedesktop.DBus.GetNameOwner'),
      ],
      expect: { equals: 'org.freedesktop.DBus.Error.NameHasNoOwner' },
      probes: [{ fixture: 'dbus', case: 'owner-exit-releases-name' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.method-call.gets-exactly-one-reply-carrying-the-callers-serial',
      kind: 'direction',
      claim: {
        en: 'A method call to a name another process owns is answered by exactly one reply, whose reply_serial is the serial of the call.',
        zh: '对另一进程所拥有名称的方法调用恰好得到一个回复，其 reply_serial 等于该调用的序列号。',
      },
      sources: [specification('Method Calls'), specification('Header Fields'), tutorialDbus],
      expect: { equals: 1 },
      probes: [{ fixture: 'dbus', case: 'method-call-reply-count' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.method-call.to-unowned-name-gives-service-unknown',
      kind: 'direction',
      claim: {
        en: 'A method call to a well-known name that nobody owns and no service file provides is answered by the bus with org.freedesktop.DBus.Error.ServiceUnknown.',
        zh: '对无人拥有、也无服务文件提供的知名名称发起方法调用，总线以 org.freedesktop.DBus.Error.ServiceUnknown 回复。',
      },
      sources: [specification('Message Bus Message Routing'), specification('Message Bus Starting Services (Activation)')],
      expect: { equals: 'org.freedesktop.DBus.Error.ServiceUnknown' },
      probes: [{ fixture: 'dbus', case: 'call-unowned-name' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.policy.call-on-denied-interface-gives-access-denied',
      kind: 'permissions',
      claim: {
        en: 'The bus enforces its security policy: a method call on an interface a <deny send_interface> rule names never reaches the service and is answered with org.freedesktop.DBus.Error.AccessDenied.',
        zh: '总线执行其安全策略：对 <deny send_interface> 规则所列接口的方法调用不会送达服务，总线回复 org.freedesktop.DBus.Error.AccessDenied。',
      },
      sources: [daemon('CONFIGURATION FILE'), tutorialDbus],
      expect: { equals: 'org.freedesktop.DBus.Error.AccessDenied' },
      probes: [{ fixture: 'dbus', case: 'call-denied-interface' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.messages.bus-method-with-wrong-argument-types-gives-invalid-args',
      kind: 'boundaries',
      claim: {
        en: 'Messages are typed: calling the bus method RequestName with arguments of the wrong types (signature ii instead of su) gets the error reply org.freedesktop.DBus.Error.InvalidArgs, and the same connection is served afterwards.',
        zh: '消息带有类型：以错误类型的参数（签名 ii 而非 su）调用总线方法 RequestName，会得到错误回复 org.freedesktop.DBus.Error.InvalidArgs，且同一连接之后仍可正常使用。',
      },
      sources: [specification('Message Bus Messages'), specification('org.freedesktop.DBus.RequestName'), tutorialDbus],
      expect: { equals: 'org.freedesktop.DBus.Error.InvalidArgs' },
      probes: [{ fixture: 'dbus', case: 'bus-method-wrong-argument-types' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.limits.message-over-max-message-size-is-not-delivered',
      kind: 'limits',
      claim: {
        en: "A message one byte larger than the bus's configured max_message_size is rejected: the service it is addressed to never receives it.",
        zh: '比总线配置的 max_message_size 大一个字节的消息会被拒绝：目标服务永远收不到它。',
      },
      sources: [daemon('CONFIGURATION FILE'), specification('Message Format')],
      expect: { equals: false },
      probes: [{ fixture: 'dbus', case: 'message-over-max-size' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.limits.message-just-below-max-message-size-is-delivered',
      kind: 'limits',
      claim: {
        en: "A message one byte smaller than the bus's configured max_message_size is delivered to the service it is addressed to.",
        zh: '比总线配置的 max_message_size 小一个字节的消息会被送达目标服务。',
      },
      sources: [daemon('CONFIGURATION FILE'), specification('Message Format')],
      expect: { equals: true },
      probes: [{ fixture: 'dbus', case: 'message-just-below-max-size' }],
      requires: ['dbus-bus'],
    },
    {
      id: 'dbus.signals.reach-every-matching-subscriber-and-no-other',
      kind: 'notification',
      claim: {
        en: 'A broadcast signal is delivered once to every connection with a match rule that fits it (here one rule by interface and member, one by sender and path) and not to a connection whose rule does not fit.',
        zh: '广播信号会投递给每个匹配规则与之相符的连接各一次（此处一条按接口与成员、一条按发送者与路径匹配），而不会投递给规则不相符的连接。',
      },
      sources: [specification('Match Rules'), specification('Message Bus Message Routing'), tutorialDbus],
      expect: { equals: '1,1,0' },
      probes: [{ fixture: 'dbus', case: 'signal-reaches-matching-subscribers' }],
      requires: ['dbus-bus'],
    },
  ],
});
