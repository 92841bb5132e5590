import type { DecodedJwt, FlowReport, Hop, Param } from '../core/index';
import { flowStart, hostOf, hostPath, plural, sinceStart } from './format';
import { CALLBACK_ORDER, ParamList, REQUEST_ORDER } from './param-list';

type CallbackReport = FlowReport['callbacks'][number];

type Step =
  | { kind: 'request'; time: number; request: NonNullable<FlowReport['request']>; hop?: Hop }
  | { kind: 'hop'; time: number; hop: Hop }
  | { kind: 'callback'; time: number; callback: CallbackReport; index: number }
  | { kind: 'landing'; time: number; hop: Hop }
  | { kind: 'exchange'; time: number; exchange: Exchange };

type Exchange = FlowReport['exchanges'][number];

/** The authorization request, each hop and each callback, with times since the request. */
export function Timeline({ flow }: { flow: FlowReport }) {
  const start = flowStart(flow);
  return (
    <>
      <ol class="timeline" aria-label="Timeline">
        {stepsOf(flow).map((step, index) => (
          <li key={index} class={`step step-${step.kind}`} data-step={step.kind}>
            <StepView step={step} start={start} />
          </li>
        ))}
      </ol>
      {flow.hopsDropped > 0 && <p class="muted">{plural(flow.hopsDropped, 'further hop')} not kept (per-flow limit).</p>}
    </>
  );
}

/** Steps in time order; the request's own hop is folded into the request, for its status. */
function stepsOf(flow: FlowReport): Step[] {
  const request = flow.request;
  const requestHop = request && flow.hops.find((hop) => hop.url === request.url);
  const steps: Step[] = [
    ...(request ? [{ kind: 'request' as const, time: request.time, request, ...(requestHop && { hop: requestHop }) }] : []),
    ...flow.hops.filter((hop) => hop !== requestHop).map((hop) => ({ kind: 'hop' as const, time: hop.time, hop })),
    ...flow.callbacks.map((callback, index) => ({ kind: 'callback' as const, time: callback.time, callback, index })),
    ...flow.landing.map((hop) => ({ kind: 'landing' as const, time: hop.time, hop })),
    ...flow.exchanges.map((exchange) => ({ kind: 'exchange' as const, time: exchange.time, exchange })),
  ];
  // Stable: equal times keep request, hops, callbacks, landing, exchange order.
  return steps.sort((a, b) => a.time - b.time);
}

function StepView({ step, start }: { step: Step; start: number }) {
  switch (step.kind) {
    case 'request':
      return (
        <>
          <StepHead start={start} time={step.time} label="Authorization request" method={step.request.method} hop={step.hop} url={step.request.url} />
          <ParamList params={step.request.params} order={REQUEST_ORDER} label="Authorization request parameters" />
        </>
      );
    case 'hop':
    case 'landing':
      // Landing: the client's own redirects after its callback, until its app shows a page.
      return (
        <StepHead
          start={start}
          time={step.time}
          label={step.kind === 'hop' ? 'Hop' : 'Client redirect'}
          method={step.hop.method ?? 'GET'}
          hop={step.hop}
          url={step.hop.url}
        />
      );
    case 'callback': {
      const { callback } = step;
      return (
        <>
          <StepHead
            start={start}
            time={step.time}
            label={step.index === 0 ? 'Callback' : `Callback again (${step.index + 1})`}
            method={callback.method}
            hop={callback}
            url={callback.url}
          />
          <ParamList params={callback.params} order={CALLBACK_ORDER} label="Callback parameters" />
          {callback.idToken && <IdTokenView token={callback.idToken} />}
        </>
      );
    }
    case 'exchange': {
      const { exchange } = step;
      const answer = exchange.oauthError && `${exchange.oauthError.error}${exchange.oauthError.description ? `: ${exchange.oauthError.description}` : ''}`;
      return (
        <>
          <StepHead start={start} time={step.time} label="Code exchange" method="POST" hop={exchange} url={exchange.url} />
          <ParamList params={exchangeParams(exchange)} order={EXCHANGE_ORDER} label="Token request parameters" />
          {answer && <p class="param-error">{answer}</p>}
        </>
      );
    }
  }
}

const EXCHANGE_ORDER = ['code', 'code_verifier', 'redirect_uri', 'client_id', 'client_secret', 'authorization'];

/** What the page sent to the token endpoint, as form parameters; a client secret only as its presence. */
function exchangeParams(exchange: Exchange): Param[] {
  const sent: Array<[string, string | undefined]> = [
    ['code', exchange.code],
    ['code_verifier', exchange.codeVerifier],
    ['redirect_uri', exchange.redirectUri],
    ['client_id', exchange.clientId],
    ['client_secret', exchange.clientSecret ? '(sent)' : undefined],
    ['authorization', exchange.authScheme && `${exchange.authScheme} …`],
  ];
  return sent.flatMap(([name, value]) => (value === undefined ? [] : [{ name, value, in: 'form' as const }]));
}

function StepHead(props: {
  start: number;
  time: number;
  label: string;
  method: string;
  hop: Pick<Hop, 'status' | 'location' | 'error'> | undefined;
  url: string;
}) {
  const { hop, url } = props;
  const from = hostOf(url);
  const to = hop?.location === undefined ? undefined : hostOf(hop.location, url);
  return (
    <div class="step-head">
      <span class="offset">{sinceStart(props.time, props.start)}</span>
      <span class="step-label">{props.label}</span>
      <span class="method">{props.method}</span>
      <Status status={hop?.status} />
      <span class="where" title={hostPath(url)}>
        {hostPath(url)}
      </span>
      {to !== undefined && to !== from && <span class="redirect-to">→ {to}</span>}
      {hop?.error !== undefined && <span class="step-error">{hop.error}</span>}
    </div>
  );
}

function Status({ status }: { status: number | undefined }) {
  if (status === undefined)
    return (
      <span class="status pending" title="No response seen yet">
        …
      </span>
    );
  if (status === 0) return <span class="status failed">failed</span>;
  const kind = status >= 400 ? 'failed' : status >= 300 ? 'redirect' : 'ok';
  return <span class={`status ${kind}`}>{status}</span>;
}

/** The id_token's header and claims, decoded but not verified (Consent Lens has no keys). */
function IdTokenView({ token }: { token: DecodedJwt }) {
  if (!token.ok) return <p class="param-error">id_token: {token.message}</p>;
  return (
    <details class="id-token" open>
      <summary>id_token, decoded (signature not verified)</summary>
      <Dates
        entries={[
          ['issued (iat)', token.issuedAt],
          ['expires (exp)', token.expiresAt],
          ['not before (nbf)', token.notBefore],
        ]}
      />
      <Json label="header" value={token.header} />
      <Json label="payload" value={token.payload} />
    </details>
  );
}

function Dates({ entries }: { entries: ReadonlyArray<[string, string | undefined]> }) {
  const known = entries.filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (known.length === 0) return null;
  return (
    <dl class="params">
      {known.map(([name, iso]) => (
        <div class="param" key={name}>
          <dt>{name}</dt>
          <dd>
            <time dateTime={iso}>{iso}</time>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Json({ label, value }: { label: string; value: Record<string, unknown> }) {
  return (
    <div class="json">
      <span class="label">{label}</span>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}
