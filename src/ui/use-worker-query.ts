import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MessageType, RequestOf, ResponseOf } from '../core/protocol/protocol';
import { messageOf, type EventName } from './connector';
import { usePageApi } from './page-api';

export interface WorkerQuery<T> {
  /** The last answer; kept when a later request fails, so what is shown is never lost. */
  value?: T;
  /** Why the last request failed. */
  error?: string;
  /** True once the first request settled, either way. */
  settled: boolean;
  reload(): void;
}

/** Asks the worker once, then again whenever it broadcasts `refreshOn`. Only the newest answer counts. */
export function useWorkerQuery<K extends MessageType>(type: K, payload: RequestOf<K>, refreshOn: EventName): WorkerQuery<ResponseOf<K>> {
  const { connector } = usePageApi();
  const [state, setState] = useState<Omit<WorkerQuery<ResponseOf<K>>, 'reload'>>({ settled: false });
  const latest = useRef(0);
  const payloadRef = useRef(payload);
  payloadRef.current = payload;

  const reload = useCallback(() => {
    const ticket = ++latest.current;
    connector.request(type, payloadRef.current).then(
      (value) => {
        if (ticket === latest.current) setState({ value, settled: true });
      },
      (error: unknown) => {
        if (ticket === latest.current) setState((previous) => ({ value: previous.value, error: messageOf(error), settled: true }));
      },
    );
  }, [connector, type]);

  useEffect(() => {
    reload();
    const stop = connector.onEvent((event) => {
      if (event === refreshOn) reload();
    });
    return () => {
      stop();
      latest.current++; // answers arriving after unmount are dropped
    };
  }, [connector, reload, refreshOn]);

  return { ...state, reload };
}
