import { PREFECTURES } from "../../shared/constants.js";

/** The 47 prefectures in the order Japanese tables list them (JIS codes 01–47), as plain strings for lookups. */
export const PREFECTURE_ORDER: readonly string[] = PREFECTURES;
