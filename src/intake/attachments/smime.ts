// S/MIME (application/pkcs7-mime): the signed content of an opaque-signed message; encrypted ones say why they stay shut.
// The signature is not verified: intake reads what the customer wrote, and the reviewer sees it was signed.
import * as asn1js from 'asn1js';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  authEnvelopedData: '1.2.840.113549.1.9.16.1.23',
  compressedData: '1.2.840.113549.1.9.16.1.9',
};

export type CmsContent =
  | { kind: 'signed'; content: Buffer }
  | { kind: 'refused'; reason: string };

/** Opens a CMS ContentInfo (DER or BER, base64 already removed by the MIME parser). */
export function readCms(bytes: Uint8Array): CmsContent {
  const parsed = asn1js.fromBER(bytes, { maxDepth: 64, maxNodes: 100_000 });
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return { kind: 'refused', reason: 'the S/MIME part is not valid CMS (PKCS #7) data' };
  const [type, wrapped] = parsed.result.valueBlock.value;
  const oid = type instanceof asn1js.ObjectIdentifier ? type.valueBlock.toString() : '';
  if (oid === OID.envelopedData || oid === OID.authEnvelopedData)
    return { kind: 'refused', reason: 'the message is S/MIME-encrypted: its content cannot be read without the recipient’s private key' };
  if (oid === OID.compressedData) return { kind: 'refused', reason: 'S/MIME compressed data is not supported' };
  if (oid !== OID.signedData) return { kind: 'refused', reason: `unsupported S/MIME content type ${oid || '(none)'}` };
  // ContentInfo.content [0] EXPLICIT SignedData; SignedData = SEQUENCE { version, digestAlgorithms, encapContentInfo, ... }
  const signedData = constructedChildren(wrapped)[0];
  const encap = constructedChildren(signedData)[2];
  const eContent = constructedChildren(constructedChildren(encap)[1])[0];
  if (!(eContent instanceof asn1js.OctetString)) return { kind: 'refused', reason: 'the S/MIME signature is detached here: the signed content is not inside it' };
  return { kind: 'signed', content: Buffer.from(octets(eContent)) };
}

const constructedChildren = (node: unknown): unknown[] =>
  node instanceof asn1js.Sequence || node instanceof asn1js.Constructed ? node.valueBlock.value : [];

/** An OCTET STRING's bytes; BER may split it into a constructed string of pieces (Outlook does). */
function octets(s: asn1js.OctetString): Uint8Array {
  if (!s.valueBlock.isConstructed) return new Uint8Array(s.valueBlock.valueHexView);
  return Buffer.concat(s.valueBlock.value.map((p) => (p instanceof asn1js.OctetString ? octets(p) : new Uint8Array())));
}
