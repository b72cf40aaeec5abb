// D-Bus, through the kit's private dbus-daemon: the D-Bus Specification and dbus-daemon(1).
import { defineMechanism } from './schema.js';

const specification = (section: string) => ({ man: 'D-Bus Specification', section });

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
      sources: [specification('Message Bus Names'), { man: 'dbus-daemon(1)', section: 'DESCRIPTION' }],
      expect: { equals: true },
      probes: [{ fixture: 'dbus', case: 'unique-name' }],
      requires: ['dbus-bus'],
    },
  ],
});
