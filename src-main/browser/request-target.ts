/**
 * The path and query of a request's target, or `null` when it is not a well-formed origin-form target (`/path?q`):
 * a target that does not start with one `/` (`//host`, `*`, an absolute URL), that the URL parser refuses, or whose
 * path has broken percent-encoding (`/%E0%A4%A`). The server answers those 400: they are bad requests, not failures.
 */
export function parseRequestTarget(target: string | undefined): URL | null {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null
  let url: URL
  try {
    // Joined as text rather than resolved against a base, so the target can only ever be a path on this server.
    url = new URL(`http://127.0.0.1${target}`)
  } catch {
    return null
  }
  try {
    decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  return url
}
