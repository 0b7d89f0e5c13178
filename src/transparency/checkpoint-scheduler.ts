import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { systemClock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { READ_MODELS_DATA_SOURCE } from '../projections/runtime/tokens';
import { signCheckpoint, SigningOutcome } from './checkpoint-signing';
import { NotaryKey } from './notary-key';
import { Witness } from './witness';
import { messageOf } from '../common/error-message';

/**
 * Signs a checkpoint every NOTARY_CHECKPOINT_INTERVAL_MS on the instances that
 * run projections (the notary's): skipped when the tree did not grow, and when
 * another instance holds the signing lock. A slow round never overlaps the next.
 * signedAt is the real time even when the service runs on a simulated clock.
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notary');
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NotaryKey) private readonly key: NotaryKey,
    @Inject(Witness) private readonly witness: Witness,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.notaryCheckpointIntervalMs;
    if (!this.config.projectionsEnabled || interval === 0) {
      this.logger.log({
        msg: 'no timed checkpoints on this instance',
        reason: interval === 0 ? 'NOTARY_CHECKPOINT_INTERVAL_MS=0' : 'projections disabled',
      });
      return;
    }
    this.timer = setInterval(() => this.tick(), interval);
    this.timer.unref();
    this.logger.log({
      msg: 'signing checkpoints',
      everyMs: interval,
      origin: this.config.notaryOrigin,
      key: this.key.verifierKeyText,
      witness: this.witness.dir,
    });
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }

  /** One signing round now (also what the timer runs). */
  signNow(): Promise<SigningOutcome> {
    return signCheckpoint({
      dataSource: this.dataSource,
      key: this.key,
      origin: this.config.notaryOrigin,
      witness: this.witness,
      clock: systemClock,
    }); // real time even on a simulated clock: signedAt is evidence
  }

  private tick(): void {
    if (this.inFlight) return;
    this.inFlight = this.signNow()
      .then((outcome) => this.report(outcome))
      .catch((error: unknown) =>
        this.logger.warn({
          msg: 'checkpoint signing failed; retried next interval',
          error: messageOf(error),
        }),
      )
      .finally(() => {
        this.inFlight = undefined;
      });
  }

  private report(outcome: SigningOutcome): void {
    switch (outcome.kind) {
      case 'signed':
        this.logger.log({
          msg: 'checkpoint signed',
          treeSize: outcome.checkpoint.treeSize,
          root: outcome.checkpoint.root.toString('base64'),
          file: outcome.file,
        });
        return;
      case 'inconsistent':
        this.logger.error({
          msg: 'NOT signing: the tree does not extend the last signed checkpoint',
          treeSize: outcome.checkpoint.treeSize,
          detail: outcome.detail,
        });
        return;
      case 'behind':
        this.logger.log({ msg: 'not signing: the tree is being rebuilt', treeSize: outcome.treeSize, signed: outcome.checkpoint.treeSize });
        return;
      case 'empty':
      case 'unchanged':
      case 'busy':
        return;
      default: {
        const never: never = outcome;
        return never;
      }
    }
  }
}
