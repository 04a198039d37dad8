/**
 * The otpauth:// URI as a QR code, drawn as inline SVG from uqr's module matrix: no script and no image
 * request (the CSP forbids inline scripts, not inline SVG), and preact escapes every attribute.
 */
import { encode } from 'uqr';

/** ISO/IEC 18004 §6.3.8: a quiet zone of four modules around the symbol lets scanners find it. */
const QUIET_ZONE = 4;
/** Drawn size in CSS pixels: large enough for a phone camera at arm's length. */
const SIZE_PX = 240;

export function TotpQrCode(props: { uri: string; label: string; id: string }) {
  // Level M (15 % recovery) keeps the symbol small for a ~120-character URI and survives a glare on the screen.
  const qr = encode(props.uri, { ecc: 'M', border: QUIET_ZONE });
  const path: string[] = [];
  qr.data.forEach((row, y) => row.forEach((dark, x) => void (dark && path.push(`M${x},${y}h1v1h-1z`))));
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      id={props.id}
      role="img"
      aria-labelledby={`${props.id}-title`}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width={SIZE_PX}
      height={SIZE_PX}
      shape-rendering="crispEdges"
    >
      <title id={`${props.id}-title`}>{props.label}</title>
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={path.join('')} fill="#000" />
    </svg>
  );
}
