/**
 * The order to load tables in so that every row's references exist when it is inserted. Foreign keys are checked
 * per statement on PostgreSQL (koe's constraints are not deferrable), so a table comes after the tables it
 * references; a reference that would close a loop (a table naming itself, or two tables naming each other) is
 * loaded as null and filled in after every table is loaded — a "deferred column".
 */

export interface TableReferences {
  name: string;
  /** foreign keys of this table: the column and the table it references */
  references: { column: string; table: string; nullable: boolean }[];
}

export interface LoadPlan {
  order: string[];
  /** table → columns written as null first and set once every table is loaded */
  deferred: Map<string, string[]>;
}

export function planLoadOrder(tables: readonly TableReferences[]): LoadPlan {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const order: string[] = [];
  const deferred = new Map<string, string[]>();
  const state = new Map<string, "visiting" | "done">();

  const defer = (table: string, column: string, nullable: boolean) => {
    if (!nullable) {
      throw new Error(
        `表 ${table} の列 ${column} は空にできない循環参照のため、読み込む順序を決められません`,
      );
    }
    const cols = deferred.get(table) ?? [];
    if (!cols.includes(column)) cols.push(column);
    deferred.set(table, cols);
  };

  const visit = (name: string) => {
    const table = byName.get(name);
    if (!table || state.get(name) === "done") return;
    state.set(name, "visiting");
    // Sorted so the plan does not depend on the order the database lists its keys in.
    const refs = [...table.references].sort((a, b) => a.column.localeCompare(b.column));
    for (const ref of refs) {
      if (!byName.has(ref.table)) continue;
      if (ref.table === name || state.get(ref.table) === "visiting") defer(name, ref.column, ref.nullable);
      else visit(ref.table);
    }
    state.set(name, "done");
    order.push(name);
  };

  for (const name of [...byName.keys()].sort()) visit(name);
  return { order, deferred };
}
