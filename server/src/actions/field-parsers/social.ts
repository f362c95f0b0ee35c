/**
 * Where a social handle lives. A handle ("@ana") becomes a profile URL only when the platform is
 * known, because guessing would store a link to someone else's profile.
 */
export const SOCIAL_PLATFORMS: Record<string, { words: string[]; profileUrl: (handle: string) => string }> = {
  youtube: { words: ['youtube', 'yt', 'channel'], profileUrl: (handle) => `https://www.youtube.com/@${handle}` },
  instagram: { words: ['instagram', 'insta', 'ig'], profileUrl: (handle) => `https://www.instagram.com/${handle}` },
  tiktok: { words: ['tiktok', 'tik tok'], profileUrl: (handle) => `https://www.tiktok.com/@${handle}` },
  twitter: { words: ['twitter', 'x.com', 'tweet'], profileUrl: (handle) => `https://x.com/${handle}` },
  x: { words: [], profileUrl: (handle) => `https://x.com/${handle}` },
  threads: { words: ['threads'], profileUrl: (handle) => `https://www.threads.net/@${handle}` },
  twitch: { words: ['twitch'], profileUrl: (handle) => `https://www.twitch.tv/${handle}` },
  pinterest: { words: ['pinterest'], profileUrl: (handle) => `https://www.pinterest.com/${handle}` },
  facebook: { words: ['facebook', 'fb'], profileUrl: (handle) => `https://www.facebook.com/${handle}` },
  linkedin: { words: ['linkedin'], profileUrl: (handle) => `https://www.linkedin.com/in/${handle}` },
  substack: { words: ['substack'], profileUrl: (handle) => `https://${handle}.substack.com` },
  github: { words: ['github'], profileUrl: (handle) => `https://github.com/${handle}` },
};

/** The platform a message names ("my insta is @ana" → instagram), or null. */
export function platformMentioned(text: string): string | null {
  const lower = ` ${text.toLowerCase().replace(/[^a-z0-9.]+/g, ' ')} `;
  for (const [platform, { words }] of Object.entries(SOCIAL_PLATFORMS)) {
    if (words.some((word) => lower.includes(` ${word} `))) return platform;
  }
  return null;
}

export function profileUrlFor(platform: string | null | undefined, handle: string): string | null {
  if (!platform) return null;
  const entry = SOCIAL_PLATFORMS[platform.toLowerCase()];
  return entry ? entry.profileUrl(handle) : null;
}
