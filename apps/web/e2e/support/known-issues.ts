/**
 * Browser errors the product is known to raise and that are tracked as open work, declared by the
 * specs that meet them so every other error still fails them. Remove an entry with its fix.
 *
 * React's hydration error #418 appears on /channels now and then after a full page load (issue 12,
 * "React's hydration error #418 appears now and then"): the server-rendered HTML and the first client
 * render differ. Until it is fixed, specs that load /channels accept exactly this error.
 */
export const knownChannelsHydrationError = /Minified React error #418/;
