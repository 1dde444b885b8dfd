/** Cash and every instrument price are in cents: one scale, so cost = quantity × price stays an exact integer. */
export const MONEY_SCALE = 2;
