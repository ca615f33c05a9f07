package leads

import "bytes"

// DefaultMaxPhotoSize is the largest photo a Book accepts unless configured
// otherwise (see WithMaxPhotoSize): 5 MiB.
const DefaultMaxPhotoSize = 5 << 20

// Photo content types. A photo's bytes must be one of these formats.
const (
	ContentTypeJPEG = "image/jpeg"
	ContentTypePNG  = "image/png"
	ContentTypeGIF  = "image/gif"
)

// SniffImage returns the content type of a JPEG, PNG or GIF image from its
// first bytes, or "" for anything else. The declared type of an upload is
// not trusted: the bytes decide.
func SniffImage(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")):
		return ContentTypeJPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return ContentTypePNG
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return ContentTypeGIF
	}
	return ""
}

// NewPhoto returns a photo of data with its content type sniffed from the
// bytes; the result fails validation if data is not JPEG, PNG or GIF.
func NewPhoto(data []byte) *Photo {
	return &Photo{ContentType: SniffImage(data), Data: bytes.Clone(data)}
}

func (p *Photo) validate(maxSize int) []error {
	var errs []error
	if len(p.Data) == 0 {
		return append(errs, fieldErr("photo", "is empty"))
	}
	if len(p.Data) > maxSize {
		errs = append(errs, fieldErr("photo", "is %d bytes, more than the limit of %d", len(p.Data), maxSize))
	}
	sniffed := SniffImage(p.Data)
	switch {
	case sniffed == "":
		errs = append(errs, fieldErr("photo", "is not a JPEG, PNG or GIF image"))
	case p.ContentType != sniffed:
		errs = append(errs, fieldErr("photo.content_type", "says %q but the bytes are %s", p.ContentType, sniffed))
	}
	return errs
}
