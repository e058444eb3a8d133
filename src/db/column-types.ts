/** Column types every table file uses: timestamps are ISO 8601 UTC strings; booleans are 0/1 on write. */
import type { ColumnType, Generated } from "kysely";

export type Id = Generated<number>;
export type Bool = ColumnType<number | boolean, number, number>;
