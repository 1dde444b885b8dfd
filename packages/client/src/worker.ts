// Entry for the SharedWorker script: `serveStreamWorker(self)`.
export { serveStreamWorker, type SharedWorkerScope } from './shared/streamWorker';
