/**
 * How requests reach the server: plain HTTP or HTTPS (a certificate and key), directly or through reverse proxies
 * whose X-Forwarded-* headers are believed (`trustProxy`). Session cookies carry `Secure` when the request came
 * over HTTPS, directly or as a trusted proxy says (`request.protocol`), and always in production.
 */
import { readFileSync } from 'node:fs';
import { AgentFlowError } from '@agentflow/protocol';
import type { RuntimeConfig } from '@agentflow/runtime';
import type { FastifyServerOptions } from 'fastify';

/** PEM certificate chain and private key (contents, not file names). */
export interface TlsOptions {
  cert: string | Buffer;
  key: string | Buffer;
}

export interface TransportOptions {
  /** (Default: the runtime config's `trustProxy`, from `AGENTFLOW_TRUST_PROXY`; false) */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Serve HTTPS. (Default: the files in `AGENTFLOW_TLS_CERT` and `AGENTFLOW_TLS_KEY` when both are set; HTTP) */
  https?: TlsOptions;
  /**
   * `Secure` on every session cookie, whatever the request's protocol. (Default: true when NODE_ENV is
   * `production`; otherwise only requests that came over HTTPS get it)
   */
  secureCookies?: boolean;
}

export interface Transport {
  trustProxy: FastifyServerOptions['trustProxy'];
  https: TlsOptions | undefined;
  secureCookies: boolean;
}

export function resolveTransport(
  options: TransportOptions,
  config: Partial<Pick<RuntimeConfig, 'trustProxy' | 'tlsCert' | 'tlsKey' | 'production'>>,
): Transport {
  return {
    // A hop count is valid for Fastify (proxy-addr) though its types leave numbers out.
    trustProxy: (options.trustProxy ?? config.trustProxy ?? false) as FastifyServerOptions['trustProxy'],
    https: options.https ?? readTls(config.tlsCert, config.tlsKey),
    secureCookies: options.secureCookies ?? config.production === true,
  };
}

/** Whether X-Forwarded-* headers are believed from anyone at all. */
export function trustsProxy(value: FastifyServerOptions['trustProxy']): boolean {
  return value !== undefined && value !== false && value !== '';
}

function readTls(certFile: string | undefined, keyFile: string | undefined): TlsOptions | undefined {
  if (certFile === undefined || keyFile === undefined) return undefined;
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new AgentFlowError('AF_VALIDATION', `cannot read the TLS ${what} ${file}`, {
        issues: [
          {
            code: 'AF_VALIDATION',
            path: what === 'certificate' ? 'AGENTFLOW_TLS_CERT' : 'AGENTFLOW_TLS_KEY',
            message: (error as Error).message,
          },
        ],
      });
    }
  };
  return { cert: read(certFile, 'certificate'), key: read(keyFile, 'key') };
}
