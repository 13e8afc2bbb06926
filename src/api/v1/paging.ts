// A page of a list endpoint (`page`, `perPage`, `search`) as the stores take it.

export function paging(q: { page?: number | undefined; perPage?: number | undefined; search?: string | undefined }): { offset: number; limit: number; search: string | undefined } {
  const perPage = q.perPage ?? 15;
  return { offset: ((q.page ?? 1) - 1) * perPage, limit: perPage, search: q.search?.trim() || undefined };
}
