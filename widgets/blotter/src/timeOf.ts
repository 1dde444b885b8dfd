/** When an order was placed or filled (the API's ISO time), as HH:MM:SS in the reader's zone. */
export const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour12: false });
