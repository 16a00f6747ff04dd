// rrweb's player and its stylesheet, in a chunk of their own: only the player page downloads them.
import '@rrweb/replay/dist/style.css';
export { Replayer } from '@rrweb/replay';
