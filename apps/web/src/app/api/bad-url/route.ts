import { handle } from '@quoteline/platform';
import { QuotelineError } from '@quoteline/protocol';

export const dynamic = 'force-dynamic';

/** next.config.ts rewrites here every path whose percent-encoding does not decode (`%ZZ`), whatever its method. */
function refuse(): Promise<Response> {
  return handle(async () => {
    throw new QuotelineError(
      'bad_request',
      'The URL path has malformed percent-encoding (such as %ZZ); encode each path segment with encodeURIComponent.',
    );
  });
}

export {
  refuse as DELETE,
  refuse as GET,
  refuse as HEAD,
  refuse as OPTIONS,
  refuse as PATCH,
  refuse as POST,
  refuse as PUT,
};
