/** The Express application: /api/v1 routes, problem+json errors, and the built web app. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import express from 'express';
import { aiPolicyOf, compilerCatalog, type AiRuntime } from '../activities';
import { authRouter, type AuthOptions } from './auth/router';
import { authenticate } from './auth/current-user';
import { createTokenSigner } from './auth/tokens';
import { auditRouter } from './audit/router';
import { catalogRouter } from './catalog/router';
import { formsRouter } from './forms/router';
import { healthRouter } from './health/router';
import { instancesRouter } from './instances/router';
import { messagesRouter } from './messages/router';
import { notificationsRouter } from './notifications/router';
import { notFoundHandler, problemHandler } from './problems';
import { processesRouter } from './processes/router';
import { signalsRouter } from './signals/router';
import { tasksRouter } from './tasks/router';
import { groupsRouter, usersRouter } from './users/router';

export interface AppOptions {
  temporalClient: Client;
  taskQueue: string;
  externalTaskQueue: string;
  secret: string;
  secureCookies: boolean;
  strictTaskTypes: boolean;
  /** The AI catalog and providers: what deploys are checked against. */
  ai: AiRuntime;
  /** Folder of the built web app; when absent the API still runs. */
  webAppDir?: string;
  /** Login throttling and OpenID Connect sign-in (see api/auth/router.ts). */
  auth?: AuthOptions;
  /** Whether the worker mails the notification outbox (SMTP_URL set); the outbox page says so. */
  smtpConfigured?: boolean;
}

export const JSON_LIMIT = '1mb';
export const XML_LIMIT = '5mb';

export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const signer = createTokenSigner(options.secret);
  const requireUser = authenticate(signer);
  const temporal = { client: options.temporalClient, taskQueue: options.taskQueue, externalTaskQueue: options.externalTaskQueue };

  const api = express.Router();
  api.use(express.json({ limit: JSON_LIMIT, type: ['application/json', 'application/*+json'] }));
  api.use(express.text({ limit: XML_LIMIT, type: ['application/xml', 'text/xml'] }));
  api.use('/health', healthRouter(options.temporalClient));
  api.use('/auth', authRouter(signer, { secureCookies: options.secureCookies, ...options.auth }));
  const compileOptions = { catalog: compilerCatalog(options.ai.catalog), strictTaskTypes: options.strictTaskTypes, aiPolicy: aiPolicyOf(options.ai) };
  api.use('/catalog', requireUser, catalogRouter(options.ai));
  api.use('/processes', requireUser, processesRouter({ compileOptions, temporal }));
  api.use('/audit', requireUser, auditRouter());
  api.use('/tasks', requireUser, tasksRouter(options.temporalClient));
  api.use('/users', requireUser, usersRouter());
  api.use('/groups', requireUser, groupsRouter());
  api.use('/', requireUser, instancesRouter(temporal, options.ai.vault));
  api.use('/messages', requireUser, messagesRouter(temporal));
  api.use('/signals', requireUser, signalsRouter(temporal));
  api.use('/forms', requireUser, formsRouter());
  api.use('/notifications', requireUser, notificationsRouter({ smtpConfigured: options.smtpConfigured ?? false }));
  api.use(notFoundHandler);
  api.use(problemHandler);
  app.use('/api/v1', api);

  const webAppDir = options.webAppDir;
  if (webAppDir && existsSync(path.join(webAppDir, 'index.html'))) {
    app.use(express.static(webAppDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/inbox, /modeler...) all load the app.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(webAppDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('Rouage API is running under /api/v1. The web app is not built: run `npm run build:ui` (npm start does it).');
    });
  }
  app.use(problemHandler);
  return app;
}
