/** The digest's sections from other areas, in the order the digest prints them. */
import type { DigestSection } from "./build-digest.js";
import { improvementsCompleted } from "./digest-improvements.js";

export const DIGEST_SECTIONS: readonly DigestSection[] = [improvementsCompleted];
