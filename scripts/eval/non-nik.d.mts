/** Types for non-nik.mjs, so the detectors test can import the generator. */
export declare function looksLikeNik(digits: string): boolean;
export declare function rng(seed: number): () => number;
export declare function nonNik(random: () => number): string;
export declare function nonNikText(random: () => number, bytes: number): string;
