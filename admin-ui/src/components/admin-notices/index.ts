export { AdminNotices } from './component';
