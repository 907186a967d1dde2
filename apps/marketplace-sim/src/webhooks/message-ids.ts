import { randomBytes, randomInt } from "node:crypto";
import { type Clock } from "../clock";
import { type Platform } from "../store/types";

/** Milliseconds are counted from here, so ids stay 19 digits for decades. */
const EPOCH_MS = Date.UTC(2015, 0, 1);
const SEQUENCE_BITS = 8n;
const INSTANCE_BITS = 15n;

/**
 * Webhook message ids that stay unique across restarts, as the platforms' do (receivers
 * deduplicate on them, so a restarted simulator must never reuse one).
 *
 * TikTok `tts_notification_id`s are 19-digit, time-ordered numbers: here the clock's milliseconds,
 * a per-process random instance number and a per-millisecond sequence, Snowflake-style. The
 * instance number comes from the OS's random source, not the seeded one, so two runs with the
 * same seed and the same (test) clock still differ. Shopee's push `msg_id` format is unconfirmed;
 * it is 32 random hex digits.
 */
export class WebhookMessageIds {
  private readonly instance = BigInt(randomInt(2 ** Number(INSTANCE_BITS)));
  private lastMs = 0n;
  private sequence = 0n;

  constructor(private readonly clock: Clock) {}

  next(platform: Platform): string {
    if (platform === "shopee") return randomBytes(16).toString("hex");
    let ms = BigInt(Math.max(0, this.clock.now() - EPOCH_MS));
    if (ms <= this.lastMs) {
      ms = this.lastMs;
      this.sequence += 1n;
      // More ids in one millisecond than the sequence holds: borrow the next millisecond.
      if (this.sequence >= 1n << SEQUENCE_BITS) {
        ms += 1n;
        this.sequence = 0n;
      }
    } else {
      this.sequence = 0n;
    }
    this.lastMs = ms;
    const id = (ms << (INSTANCE_BITS + SEQUENCE_BITS)) | (this.instance << SEQUENCE_BITS) | this.sequence;
    return String(id).padStart(19, "7");
  }
}
