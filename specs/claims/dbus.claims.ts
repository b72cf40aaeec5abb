// Claims of the tutorial's D-Bus chapter.
import { defineClaims } from './claimSchema.js';

const SECTION = '7. D-Bus';

export default defineClaims({
  tutorial: 'ipc-tutorial.zh.md',
  claims: [
    {
      id: 'dbus.high-level-mechanism-mainly-for-desktops',
      section: SECTION,
      claim: {
        en: 'D-Bus is a high-level IPC mechanism used chiefly for communication between desktop applications.',
        zh: 'D-Bus 是一种高层 IPC 机制，主要用于桌面应用程序之间的通信。',
      },
      status: 'untestable',
      reason: {
        en: 'Where D-Bus is mostly used is a fact about deployments, not about the bus’s behaviour (the system bus also serves non-desktop services such as systemd and NetworkManager); no probe can measure it.',
        zh: 'D-Bus 主要用在哪里是关于部署情况的事实，而非总线的行为（系统总线也为 systemd、NetworkManager 等非桌面服务所用）；任何探针都无法测量。',
      },
    },
    {
      id: 'dbus.messages-are-structured',
      section: SECTION,
      claim: {
        en: 'D-Bus exchanges structured, typed messages.',
        zh: 'D-Bus 交换的消息有固定结构并带有类型。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'dbus.messages.bus-method-with-wrong-argument-types-gives-invalid-args', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Every message carries a type signature that the receiver checks: calling a bus method with arguments of the wrong types is answered with org.freedesktop.DBus.Error.InvalidArgs.',
          zh: '每条消息都带有类型签名，接收方会检查：以错误类型的参数调用总线方法会得到 org.freedesktop.DBus.Error.InvalidArgs。',
        },
        correction: {
          en: 'D-Bus messages have a header and a body of typed values described by a signature, checked on receipt.',
          zh: 'D-Bus 消息由消息头和按签名描述的类型化数值组成的消息体构成，接收时会被检查。',
        },
      },
    },
    {
      id: 'dbus.one-to-one-and-one-to-many',
      section: SECTION,
      claim: {
        en: 'D-Bus supports both point-to-point and one-to-many communication.',
        zh: 'D-Bus 既能点对点通信，也能由一个发送方同时送达多个接收方。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'dbus.method-call.gets-exactly-one-reply-carrying-the-callers-serial', supportsClaimWhen: 'passed' },
          { property: 'dbus.signals.reach-every-matching-subscriber-and-no-other', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A method call to a name gets exactly one reply from its owner (one-to-one), and a broadcast signal reaches every connection whose match rule fits it (one-to-many).',
          zh: '对某个名字的方法调用只会从其所有者得到一个回复（一对一），广播信号会送达所有匹配规则相符的连接（一对多）。',
        },
        correction: {
          en: 'Method calls are one-to-one (call and reply); signals are broadcast to every connection with a matching rule.',
          zh: '方法调用是一对一的（调用与回复）；信号会广播给所有具有匹配规则的连接。',
        },
      },
    },
    {
      id: 'dbus.has-built-in-security',
      section: SECTION,
      claim: {
        en: 'D-Bus has security checks built in.',
        zh: 'D-Bus 本身就带有安全检查。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'dbus.policy.call-on-denied-interface-gives-access-denied', supportsClaimWhen: 'passed' },
          { property: 'dbus.names.request-for-owned-name-without-queueing-gives-exists', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The bus enforces its policy (a call on a denied interface never reaches the service and gets AccessDenied) and does not let a second process take a name someone owns; both are checks made by the bus, not by applications.',
          zh: '总线会执行其策略（对被拒绝接口的调用不会到达服务，并得到 AccessDenied），也不允许第二个进程夺取已被占有的名字；两者都是总线而非应用所做的检查。',
        },
        correction: {
          en: 'The bus daemon enforces a configurable policy (<allow>/<deny> on sending, receiving and owning names) and authenticates each connection’s uid.',
          zh: '总线守护进程执行可配置的策略（对发送、接收和占有名字的 <allow>/<deny> 规则），并验证每个连接的 uid。',
        },
      },
    },
    {
      id: 'dbus.models-objects-and-interfaces',
      section: SECTION,
      claim: {
        en: 'D-Bus organises communication around objects and interfaces.',
        zh: 'D-Bus 的通信围绕对象与接口来组织。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'dbus.signals.reach-every-matching-subscriber-and-no-other', supportsClaimWhen: 'passed' },
          { property: 'dbus.policy.call-on-denied-interface-gives-access-denied', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Messages are addressed by object path and interface: signals are routed by match rules on interface, member and path, and the bus’s policy can deny an interface by name. Objects and interfaces are therefore part of the protocol, not just a library convention.',
          zh: '消息按对象路径和接口寻址：信号按接口、成员和路径的匹配规则路由，总线策略可以按名字拒绝某个接口。因此对象和接口是协议的一部分，而不只是库的约定。',
        },
        correction: {
          en: 'Every D-Bus method call and signal names an object path, an interface and a member.',
          zh: '每个 D-Bus 方法调用和信号都指明对象路径、接口和成员。',
        },
      },
    },
  ],
});
