import type { ReadinessCheck } from '../../http/readiness.js';

/**
 * Whether the Slack adapter can answer right now: started, not shutting down, and (in Socket
 * Mode) connected. The process's `/readyz` asks it through `readiness`.
 */
export class Health {
  #state: 'starting' | 'ok' | 'disconnected' | 'stopping' = 'starting';

  get status(): string {
    return this.#state;
  }

  get healthy(): boolean {
    return this.#state === 'ok';
  }

  ready(): void {
    if (this.#state !== 'stopping') this.#state = 'ok';
  }

  disconnected(): void {
    if (this.#state !== 'stopping') this.#state = 'disconnected';
  }

  stopping(): void {
    this.#state = 'stopping';
  }

  readonly readiness: ReadinessCheck = {
    name: 'slack',
    check: async () => {
      if (!this.healthy) throw new Error(this.#state);
    },
  };
}
