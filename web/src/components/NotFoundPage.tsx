import { Link } from "react-router-dom";

/**
 * One page for "not there" and "not yours": a document, class or page the user may not see looks exactly like one
 * that does not exist, so the app never confirms that someone else's work exists.
 */
export function NotFoundPage({ what = "page" }: { what?: string }) {
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Not found</h1>
      <p>
        This {what} does not exist, or it is not shared with you. Check the link, or ask the person who sent it.
      </p>
      <p>
        <Link to="/">Go to your start page</Link>
      </p>
    </section>
  );
}
