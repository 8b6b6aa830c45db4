const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A Discord-shaped id whose timestamp is now, so discord.js's `createdAt` reads sensibly. */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}
