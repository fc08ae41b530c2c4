// A photo from the camera, resized on the device (a canvas, longest side 1280 px, WebP or JPEG): a hundred
// kB or so to keep and to send instead of several MB, and none of the camera's metadata (GPS position).
export const MAX_SIDE = 1280

export async function resizePhoto(file, maxSide = MAX_SIDE, quality = 0.72) {
	const bitmap = await loadImage(file)
	const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height))
	const canvas = document.createElement("canvas")
	canvas.width = Math.max(1, Math.round(bitmap.width * scale))
	canvas.height = Math.max(1, Math.round(bitmap.height * scale))
	canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height)
	// WebP where the browser encodes it (smaller, and no metadata for the server to strip); JPEG elsewhere
	const webp = canvas.toDataURL("image/webp", quality)
	return webp.startsWith("data:image/webp") ? webp : canvas.toDataURL("image/jpeg", quality)
}

function loadImage(file) {
	if (window.createImageBitmap) return createImageBitmap(file)
	return new Promise((resolve, reject) => {
		const img = new Image()
		img.onload = () => resolve(img)
		img.onerror = reject
		img.src = URL.createObjectURL(file)
	})
}
