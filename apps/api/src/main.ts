import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { DEMO_LOGIN } from './seed/demo';
import { startApiServer } from './server';

function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const log = createLogger(config);
  let server;
  try {
    server = await startApiServer({ config, logger: log });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    log.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
  log.info({ url: server.url, database: server.database.mode }, 'Agenda Cheia is up');
  process.stdout.write(
    [
      '',
      `  Agenda Cheia: ${server.url}`,
      `  Banco de dados: ${server.database.mode === 'embedded' ? `embutido (${config.DATA_DIR})` : 'PostgreSQL'}`,
      config.SEED_DEMO ? `  Login de demonstração: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}` : '',
      '',
    ]
      .filter((line, i, all) => line !== '' || i === 0 || i === all.length - 1)
      .join('\n') + '\n',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
