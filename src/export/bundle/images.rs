//! Photos enter a bundle re-encoded: decoded, turned upright, scaled to what a printed page
//! can show and written afresh as JPEG, so the camera's EXIF block (time, device, GPS) never
//! reaches the court or the other side. Typst would embed the original bytes as they are.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

/// The longest side of a picture in the bundle: about 185 dpi across an A4 text column,
/// sharp in print without carrying a camera's full resolution (or its encoding time).
const MAX_SIDE: u32 = 1200;
const QUALITY: u8 = 80;
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
    let rgb = scale_down(img.to_rgb8())?;
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

/// The picture scaled to fit `MAX_SIDE` (a photo is usually several times larger), with a
/// SIMD Lanczos filter: image's own resize took longer than decoding and encoding together.
fn scale_down(rgb: image::RgbImage) -> Option<image::RgbImage> {
    use pic_scale::{ImageSize, ImageStore, ImageStoreMut, ResamplingFunction, Scaler};
    let (w, h) = rgb.dimensions();
    if w.max(h) <= MAX_SIDE {
        return Some(rgb);
    }
    let factor = f64::from(MAX_SIDE) / f64::from(w.max(h));
    let (tw, th) = (
        ((f64::from(w) * factor).round() as usize).max(1),
        ((f64::from(h) * factor).round() as usize).max(1),
    );
    let source = ImageStore::<u8, 3>::from_slice(rgb.as_raw(), w as usize, h as usize).ok()?;
    let mut target = ImageStoreMut::<u8, 3>::alloc(tw, th);
    let plan = Scaler::new(ResamplingFunction::Lanczos3)
        .plan_rgb_resampling(
            ImageSize::new(w as usize, h as usize),
            ImageSize::new(tw, th),
        )
        .ok()?;
    plan.resample(&source, &mut target).ok()?;
    image::RgbImage::from_raw(tw as u32, th as u32, target.as_bytes().to_vec())
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
        assert_eq!((back.width(), back.height()), (1200, 600));
        assert!(reencode(b"not a picture").is_none());
    }
}
