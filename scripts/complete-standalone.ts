import { completeStandalone } from './lib/standalone';
import { REPO_ROOT } from './lib/livekit-server';

console.log(`standalone server ready: node ${completeStandalone(REPO_ROOT)}/server.js`);
