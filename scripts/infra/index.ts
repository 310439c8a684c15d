/**
 * The embedded infrastructure: Temporal dev server + FerretDB on this machine, unless
 * TEMPORAL_ADDRESS / MONGODB_URI point at real servers. Used by `npm start` and by the tests.
 */
import net from 'node:net';
import path from 'node:path';
import { startFerretDB, startTemporal, type RunningService } from './services';
import { ensureTool } from './tools';

export interface InfrastructureProfile {
  dataDir: string;
  temporalPort: number;
  temporalUiPort: number;
  mongoPort: number;
  database: string;
}

const projectRoot = path.resolve(__dirname, '..', '..');

export const profiles = {
  development: {
    dataDir: path.join(projectRoot, '.data'),
    temporalPort: 7233,
    temporalUiPort: 8233,
    mongoPort: 27017,
    database: 'rouage',
  },
  // Other ports and folder, so tests never touch (nor clash with) a running `npm start`.
  test: {
    dataDir: path.join(projectRoot, '.data', 'test'),
    temporalPort: 17233,
    temporalUiPort: 18233,
    mongoPort: 37017,
    database: 'rouage-test',
  },
} satisfies Record<string, InfrastructureProfile>;

export interface Infrastructure {
  temporalAddress: string;
  mongodbUri: string;
  /** Only for the embedded dev server. */
  temporalUiUrl?: string;
  stop(): Promise<void>;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function provideInfrastructure(
  profile: InfrastructureProfile,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Infrastructure> {
  const started: RunningService[] = [];
  const stop = async () => {
    await Promise.all(started.reverse().map((service) => service.stop()));
  };
  try {
    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | undefined;
    if (temporalAddress) {
      log(`Temporal: using TEMPORAL_ADDRESS=${temporalAddress}`);
    } else {
      temporalAddress = `127.0.0.1:${profile.temporalPort}`;
      temporalUiUrl = `http://127.0.0.1:${profile.temporalUiPort}`;
      if (await portAnswers(profile.temporalPort)) {
        log(`Temporal: a server already listens on ${temporalAddress}, using it`);
      } else {
        const binary = await ensureTool('temporal', log);
        log(`Temporal: starting the dev server on ${temporalAddress} (data in ${path.relative(projectRoot, profile.dataDir)}/temporal)...`);
        started.push(await startTemporal({ binary, dataDir: path.join(profile.dataDir, 'temporal'), port: profile.temporalPort, uiPort: profile.temporalUiPort, log }));
      }
    }

    let mongodbUri = env.MONGODB_URI;
    if (mongodbUri) {
      log('MongoDB: using MONGODB_URI');
    } else {
      mongodbUri = `mongodb://127.0.0.1:${profile.mongoPort}/${profile.database}`;
      if (await portAnswers(profile.mongoPort)) {
        log(`MongoDB: a server already listens on 127.0.0.1:${profile.mongoPort}, using it`);
      } else {
        const binary = await ensureTool('ferretdb', log);
        log(`FerretDB: starting on 127.0.0.1:${profile.mongoPort} (data in ${path.relative(projectRoot, profile.dataDir)}/ferretdb)...`);
        started.push(await startFerretDB({ binary, dataDir: path.join(profile.dataDir, 'ferretdb'), port: profile.mongoPort, log }));
      }
    }
    return { temporalAddress, mongodbUri, temporalUiUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
