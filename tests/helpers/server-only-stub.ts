// 'server-only' throws outside React's server condition; tests run server modules directly.
export {};
