/** Narrows to a list of unknowns (Array.isArray alone narrows to any[]). */
function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/**
 * Where in a parsed JSON value a string or key holds U+0000, which PostgreSQL cannot store in text
 * (the insert fails, and a multi-step write could stop half-way); undefined when none does. Walks
 * without recursion: a 1 MiB body can nest hundreds of thousands of levels deep.
 */
export function nulCharacterPath(value: unknown): string | undefined {
  interface Visit {
    value: unknown;
    key: string;
    parent: Visit | undefined;
  }
  const pathOf = (visit: Visit): string => {
    const keys: string[] = [];
    for (let at: Visit | undefined = visit; at?.parent; at = at.parent) keys.push(at.key);
    return keys.reverse().join('.') || 'corpo';
  };
  const stack: Visit[] = [{ value, key: '', parent: undefined }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const current = visit.value;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return pathOf(visit);
    } else if (isList(current)) {
      current.forEach((item, i) => stack.push({ value: item, key: String(i), parent: visit }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current as Record<string, unknown>)) {
        const entry = { value: child, key, parent: visit };
        if (key.includes('\u0000')) return pathOf(entry);
        stack.push(entry);
      }
    }
  }
  return undefined;
}
