import { parseEnv } from '../lib/env';
import { DEMO_ROOM, startDemoCrowd } from './lib/demo-crowd';

/** `demo-crowd.ts [room[:audience size]]…`: one crowd per room, the demo room with 20 by default. */
const rooms = (process.argv.length > 2 ? process.argv.slice(2) : [DEMO_ROOM]).map((arg) => {
  const [room, size] = arg.split(':');
  return { room: room!, audienceSize: size ? Number(size) : 20 };
});

const { livekit } = parseEnv(process.env);
const crowds = await Promise.all(
  rooms.map(({ room, audienceSize }) =>
    startDemoCrowd(
      { url: livekit.apiUrl, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
      { room, audienceSize, log: (line) => console.log(`\x1b[36m[demo-crowd]\x1b[0m ${line}`) },
    ),
  ),
);

const leave = () => void Promise.all(crowds.map((crowd) => crowd.leave())).then(() => process.exit(0));
process.on('SIGINT', leave);
process.on('SIGTERM', leave);
