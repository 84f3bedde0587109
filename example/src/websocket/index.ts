// The public face of the realtime layer: the factory, and the class as a type only.
export { activeConnections, getWebSocketManager, releaseWebSocketManager } from './factory';
export type { ConnectionState, Listener, WebSocketManager } from './manager';
