// The workflows the worker bundles. Keep this file free of anything but workflow exports.
export { runProcess } from './process-instance';
