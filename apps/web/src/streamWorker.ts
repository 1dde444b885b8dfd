// The SharedWorker that holds the one stream for every tab of this origin.
import { serveStreamWorker, type SharedWorkerScope } from '@quoteline/client/worker';

serveStreamWorker(self as unknown as SharedWorkerScope);
