// File types of report attachments (docs/domain.md, "Attachments") and how their links look.
export const ATTACHMENT_MIME: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  wps: 'application/vnd.ms-works',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  et: 'application/vnd.ms-excel',
  ofd: 'application/ofd',
  rtf: 'application/rtf',
  txt: 'text/plain',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  '7z': 'application/x-7z-compressed',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

/** Download endpoints that hide the extension in a query parameter (Hanweb downfile.jsp?filename=…doc). */
export const DOWNLOAD_ENDPOINT = /(downfile|download|filedown|getfile|attachment|fujian)/i;

/** Image links count as attachments only when the page body is (almost) only images: scanned reports. */
export const IMAGE_EXT = new Set(['jpg', 'jpeg', 'png', 'gif', 'tif', 'tiff']);

/** Elements that show a document inside the page (a PDF in an iframe, an <embed>, an <object>) and their URL attribute. */
export const EMBED_SOURCES: Record<string, string> = { iframe: 'src', frame: 'src', embed: 'src', object: 'data' };
/** Online viewers that take the document as a query parameter (pdf.js `viewer.html?file=/upload/a.pdf`). */
export const VIEWER_FILE_PARAM = /[?&](?:file|url|src|fileUrl|filepath)=([^&#]+)/i;
