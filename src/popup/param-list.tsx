import { isSecretParam, type Param, paramsOn } from '../core/index';
import { PlainValue, SecretValue } from './secret-value';

/** Decoded parameters: the ones a flow is about in a fixed order, then any others as they came. */
export function ParamList({ params, order, label }: { params: readonly Param[]; order: readonly string[]; label: string }) {
  if (params.length === 0) return <p class="muted">No parameters.</p>;
  return (
    <dl class="params" aria-label={label}>
      {orderParams(params, order).map((param, index) => (
        <div class="param" key={`${param.name}-${index}`} data-param={param.name}>
          <dt>
            {param.name}
            {param.in !== 'query' && <span class="tag">{param.in}</span>}
          </dt>
          <dd>
            {isSecretParam(param.name, param.value) ? (
              <SecretValue name={param.name} value={param.value} />
            ) : (
              <PlainValue name={param.name} value={param.value} />
            )}
            {param.error && <span class="param-error">{param.error}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function orderParams(params: readonly Param[], order: readonly string[]): Param[] {
  const rank = (param: Param) => {
    const at = order.indexOf(param.name);
    return at === -1 ? order.length : at;
  };
  // Array.prototype.sort is stable: unranked and repeated names keep the order they were sent in.
  return [...params].sort((a, b) => rank(a) - rank(b));
}

export const REQUEST_ORDER = paramsOn('request').map((row) => row.name);
export const CALLBACK_ORDER = paramsOn('callback').map((row) => row.name);
