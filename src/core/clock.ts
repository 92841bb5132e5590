/**
 * The time, in milliseconds since the epoch. Everything that needs the time takes a clock
 * rather than reading Date.now(), so tests pin it and a run never depends on today's date.
 */
export type Clock = () => number;
