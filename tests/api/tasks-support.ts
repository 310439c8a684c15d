/**
 * The test platform's app served with request headers of the test's choosing (`If-Match` for
 * the inbox's version checks), on the same database, with its own signing secret.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { DEMO_PASSWORD, type ApiResponse, type TestPlatform } from '../support/platform';

export interface InboxApi {
  baseUrl: string;
  login(username: string): Promise<string>;
  request<T = any>(method: string, path: string, options?: { token?: string; json?: unknown; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export async function startInboxApi(platform: TestPlatform): Promise<InboxApi> {
  const secret = randomBytes(32).toString('hex');
  const outer = express();
  outer.use(platform.createApp({ secret }));
  const server: Server = await new Promise((resolve) => {
    const s = outer.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api: InboxApi = {
    baseUrl,
    async request(method, path, { token, json, headers = {} } = {}) {
      const all: Record<string, string> = { ...headers };
      if (token) all.authorization = `Bearer ${token}`;
      if (json !== undefined) all['content-type'] = 'application/json';
      const response = await fetch(`${baseUrl}${path}`, { method, headers: all, body: json !== undefined ? JSON.stringify(json) : undefined });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: response.status, headers: response.headers, body: body as any };
    },
    async login(username) {
      const response = await api.request('POST', '/api/v1/auth/login', { json: { username, password: DEMO_PASSWORD } });
      if (response.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return api;
}
