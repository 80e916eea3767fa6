import { useEffect, useState, useSyncExternalStore } from "react";
import { liveDocumentApi } from "../api/clients";
import { emptyView } from "../live/annotationView";
import { LiveDocument, type LiveDocumentState } from "../live/liveDocument";

const idle: LiveDocumentState = { view: emptyView, connection: { state: "connecting" }, eventsApplied: 0 };
const noStore = { subscribe: () => () => {}, getSnapshot: () => idle };

/** A LiveDocument for the page's lifetime: watching while mounted, stopped (stream cancelled) when it goes. */
export function useLiveDocument(documentId: string, userId: string): { store: LiveDocument | undefined; state: LiveDocumentState } {
  const [store, setStore] = useState<LiveDocument>();
  useEffect(() => {
    const live = new LiveDocument(liveDocumentApi, documentId, userId, { wake: window });
    setStore(live);
    void live.start();
    return () => live.stop();
  }, [documentId, userId]);
  const source = store ?? noStore;
  const state = useSyncExternalStore(source.subscribe, source.getSnapshot);
  return { store, state };
}
