import { z } from "zod";

// Container image references, by the grammar of github.com/distribution/reference
// (regexp.go, reference.go), which the container runtimes and the kubelet use:
//
//   reference        := name [ ":" tag ] [ "@" digest ]
//   name             := [domain '/'] remote-name
//   domain           := host [':' port-number]
//   host             := domain-name | '[' IPv6address ']'
//   domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
//   remote-name      := path-component ['/' path-component]*
//   path-component   := alpha-numeric [separator alpha-numeric]*
//   alpha-numeric    := /[a-z0-9]+/
//   separator        := /[_.]|__|[-]+/
//   tag              := /[\w][\w.-]{0,127}/
//   digest           := algorithm ":" hex
//   algorithm        := component [ /[+._-]/ component ]*   component := /[A-Za-z][A-Za-z0-9]*/
//   hex              := /[0-9a-fA-F]{32,}/

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|${IPV6})(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** reference.NameTotalLengthMax: a repository name longer than this is refused. */
export const MAX_IMAGE_NAME_LENGTH = 255;
/** Name 255 + ":" + tag 128 + "@" + a sha512 digest (7 + 128): anything longer cannot be valid. */
export const MAX_IMAGE_REFERENCE_LENGTH = 520;

/** Why `image` is not a valid image reference, or null when it is. */
export function imageReferenceError(image: string): string | null {
  if (image === "") return "image must not be empty";
  if (image.length > MAX_IMAGE_REFERENCE_LENGTH) return `image reference must be at most ${MAX_IMAGE_REFERENCE_LENGTH} characters`;
  if (/[\u0000-\u001f\u007f]/.test(image)) return "image reference must not contain control characters";
  const match = REFERENCE.exec(image);
  if (!match) return `invalid image reference "${image}": expected [registry[:port]/]repository[:tag][@algorithm:digest], repository in lower case`;
  if ((match[1] ?? "").length > MAX_IMAGE_NAME_LENGTH) return `image repository name must be at most ${MAX_IMAGE_NAME_LENGTH} characters`;
  return null;
}

/** An image reference (`nginx:1.27`, `ghcr.io/org/app@sha256:…`) as a zod schema. */
export const imageReferenceSchema = z.string().superRefine((value, ctx) => {
  const error = imageReferenceError(value);
  if (error) ctx.addIssue({ code: "custom", message: error });
});
