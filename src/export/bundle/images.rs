//! Photos enter a bundle re-encoded: decoded, turned upright, scaled to what a printed page
//! can show and written afresh as JPEG, so the camera's EXIF block (time, device, GPS) never
//! reaches the court or the other side. Typst would embed the original bytes as they are.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

/// The longest side of a picture in the bundle: about 200 dpi across an A4 text column,
/// sharp in print without carrying a camera's full resolution.
const MAX_SIDE: u32 = 1600;
const QUALITY: u8 = 82;
/// A hostile or broken file must not take the machine's memory with it.
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// Whether a media type is one we show as a picture.
pub fn is_picture(media_type: &str) -> bool {
    matches!(media_type, "image/jpeg" | "image/png")
}

/// A picture ready for the page: JPEG bytes and their size in pixels.
pub struct Picture {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The picture re-encoded, or `None` when it cannot be decoded (it is then listed, not shown).
pub fn reencode(bytes: &[u8]) -> Option<Picture> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().ok()?;
    let orientation = decoder.orientation().ok()?;
    let mut img = DynamicImage::from_decoder(decoder).ok()?;
    img.apply_orientation(orientation);
    if img.width().max(img.height()) > MAX_SIDE {
        img = img.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle);
    }
    let rgb = img.to_rgb8();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&rgb)
        .ok()?;
    Some(Picture {
        jpeg: out,
        width: rgb.width(),
        height: rgb.height(),
    })
}

/// Re-encodes every picture on all cores, keeping the order.
pub fn reencode_all(pictures: &[&[u8]], progress: &(dyn Fn(usize) + Sync)) -> Vec<Option<Picture>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<Option<Picture>> = (0..pictures.len()).map(|_| None).collect();
    let slots: Vec<std::sync::Mutex<&mut Option<Picture>>> =
        out.iter_mut().map(std::sync::Mutex::new).collect();
    std::thread::scope(|s| {
        for _ in 0..workers.min(pictures.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(bytes) = pictures.get(i) else { break };
                let encoded = reencode(bytes);
                **slots[i].lock().unwrap_or_else(|p| p.into_inner()) = encoded;
                progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            });
        }
    });
    drop(slots);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_comes_out_smaller_and_without_its_exif() {
        let img = image::RgbImage::from_fn(2400, 1200, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&img)
            .unwrap();
        // An APP1 "Exif" segment with a GPS-looking payload, right after the SOI marker.
        let payload = b"Exif\0\0GPS 51.5074N 0.1278W secret-device";
        let mut with_exif = vec![0xFF, 0xD8, 0xFF, 0xE1];
        with_exif.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        with_exif.extend_from_slice(payload);
        with_exif.extend_from_slice(&jpeg[2..]);

        let out = reencode(&with_exif).expect("decodes").jpeg;
        assert!(!out.windows(4).any(|w| w == b"Exif"));
        assert!(!out.windows(6).any(|w| w == b"secret"));
        let back = image::load_from_memory(&out).unwrap();
        assert_eq!((back.width(), back.height()), (1600, 800));
        assert!(reencode(b"not a picture").is_none());
    }
}
