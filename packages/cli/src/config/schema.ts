import { z } from 'zod';

/**
 * The shape of `saring.config.json`. Data only: the file is parsed, never executed, also when it
 * was found by searching upward from the working directory. Internal to the CLI (zod types are
 * not part of the public API). Field names and meanings are documented in the README.
 */
const severity = z.enum(['low', 'medium', 'high', 'critical']);
const confidence = z.enum(['low', 'medium', 'high']);
/** `256MiB`, `10MB`, or a number of bytes. */
const size = z.union([z.string().min(1), z.number().int().nonnegative()]);
const fingerprint = z.string().regex(/^[0-9a-f]{32}$/, 'must be a 32-character hex fingerprint, as printed by "saring fingerprint" or found in reports');

const customDetector = z
  .object({
    $comment: z.unknown().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and dashes, e.g. "rs-contoh-mrn"'),
    entity: z.string().min(1),
    description: z.string().min(10, 'should say in a sentence what the detector finds (10 characters at least)'),
    category: z.enum(['umum', 'spesifik-kesehatan']).default('umum'),
    severity: severity.default('medium'),
    /** A JavaScript regular expression (no slashes), checked for linear running time. */
    pattern: z.string().min(1),
    flags: z.string().regex(/^[imsu]*$/, 'may only use the flags i, m, s, u').default(''),
    /** Context words that raise the score when they are within `window` characters. */
    keywords: z.array(z.string().min(1)).default([]),
    window: z.number().int().min(1).max(1000).default(60),
    /** Score without a context word, and with one (0..1). */
    score: z.number().min(0).max(1).default(0.5),
    keywordScore: z.number().min(0).max(1).default(0.9),
    /** Report only matches with a context word nearby. */
    requireKeyword: z.boolean().default(false),
    /** True when a value points at one person (counted as people, makes health data sensitive). */
    identifiesPerson: z.boolean().default(false),
    examples: z.object({ positive: z.array(z.string()).default([]), negative: z.array(z.string()).default([]) }).strict().optional(),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    /** Free text (or lines of it) for people reading the file: JSON has no comments. */
    $comment: z.union([z.string(), z.array(z.string())]).optional(),
    detectors: z
      .object({
        $comment: z.unknown().optional(),
        /** Named sets from @saring/detectors `presets` to start from; default `all`. */
        presets: z.array(z.string()).optional(),
        enable: z.array(z.string()).default([]),
        disable: z.array(z.string()).default([]),
        /** Per detector: its severity and the lowest confidence reported. */
        settings: z.record(z.string(), z.object({ severity: severity.optional(), minConfidence: confidence.optional() }).strict()).default({}),
      })
      .strict()
      .optional(),
    customDetectors: z.array(customDetector).default([]),
    minConfidence: confidence.optional(),
    failOn: z.string().optional(),
    /** Values never reported, stored as keyed fingerprints (`saring fingerprint`), never in plain text. */
    allow: z.array(z.object({ fingerprint, note: z.string().optional() }).strict()).default([]),
    /** Single findings accepted for a while: by fingerprint, with a reason and an expiry date. */
    suppress: z
      .array(
        z
          .object({
            fingerprint,
            reason: z.string().min(3, 'say why this finding is accepted'),
            expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31'),
            /** Only in this reported path (as printed in reports); any path when absent. */
            path: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    exclude: z.array(z.string()).default([]),
    include: z.array(z.string()).default([]),
    limits: z
      .object({
        maxFileSize: size.optional(),
        maxArchiveDepth: z.number().int().min(0).max(64).optional(),
        maxArchiveMembers: z.number().int().min(1).optional(),
        maxExpandedSize: size.optional(),
        maxMemberSize: size.optional(),
        maxCompressionRatio: z.number().min(1).optional(),
        maxFindingsPerFile: z.number().int().min(1).optional(),
        fileTimeoutSeconds: z.number().min(1).optional(),
        ocr: z.enum(['auto', 'always', 'never']).optional(),
        ocrMaxPages: z.number().int().min(0).optional(),
        ocrPageTimeoutSeconds: z.number().min(1).optional(),
      })
      .strict()
      .optional(),
    /** Where the HMAC key for fingerprints comes from; default SARING_FINGERPRINT_KEY, then ~/.config/saring/fingerprint.key. */
    fingerprintKey: z.union([z.object({ file: z.string().min(1) }).strict(), z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name') }).strict()]).optional(),
    concurrency: z.number().int().min(1).max(256).optional(),
    scanFileNames: z.boolean().optional(),
    followSymlinks: z.boolean().optional(),
  })
  .strict();

export type RawConfig = z.infer<typeof configSchema>;
export type RawCustomDetector = z.infer<typeof customDetector>;
