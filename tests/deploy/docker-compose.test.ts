/**
 * docker-compose.yml cannot run here (no Docker engine): this checks its services and their
 * wiring against the code, so the production shape does not drift from what the code expects.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

const root = path.resolve(__dirname, '../..');

interface Service {
  image?: string;
  build?: string;
  command?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  deploy?: { replicas?: number };
}

const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const dependsOn = (service: Service) => (Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {}));

describe('docker-compose.yml', () => {
  it('has the production services', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'mongodb', 'postgresql', 'temporal', 'temporal-search-attributes', 'temporal-ui', 'worker']);
  });

  it.each(['api', 'worker'])('wires %s to Temporal and to the MongoDB replica set', (name) => {
    const service = services[name]!;
    expect(service.build).toBe('.');
    const temporal = new URL(`grpc://${service.environment!.TEMPORAL_ADDRESS}`);
    expect(services[temporal.hostname]).toBeDefined();
    expect(services[temporal.hostname]!.ports).toContain(`${temporal.port}:${temporal.port}`);
    const mongo = new URL(service.environment!.MONGODB_URI!);
    expect(services[mongo.hostname]!.image).toMatch(/^mongo:/);
    expect(mongo.searchParams.get('replicaSet')).toBe('rs0');
    expect(services[mongo.hostname]!.command).toContain('rs0');
    expect(service.environment!.NODE_ENV).toBe('production');
    expect(service.environment!.ROUAGE_SECRET).toMatch(/ROUAGE_SECRET:\?/); // required, never defaulted
    expect(service.environment!.ROUAGE_DATA_KEY).toMatch(/ROUAGE_DATA_KEY:\?/);
    expect(dependsOn(service)).toEqual(expect.arrayContaining(['mongodb', 'temporal-search-attributes']));
  });

  it('runs entry points that exist', () => {
    for (const name of ['api', 'worker']) {
      const command = services[name]!.command as string[];
      const entry = command[command.length - 1]!;
      expect(existsSync(path.join(root, entry))).toBe(true);
    }
    expect(existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });

  it('scales workers and keeps Temporal on PostgreSQL', () => {
    expect(services.worker!.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.temporal!.environment!.DB).toBe('postgres12');
    expect(services.temporal!.environment!.POSTGRES_SEEDS).toBe('postgresql');
    expect(dependsOn(services.temporal!)).toContain('postgresql');
    expect(services['temporal-ui']!.environment!.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('registers every search attribute the platform sets', () => {
    const command = String(services['temporal-search-attributes']!.command);
    for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) expect(command).toContain(`--name ${name} --type ${type}`);
  });
});
