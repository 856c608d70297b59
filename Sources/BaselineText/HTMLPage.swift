/// The frame of every HTML page the tool writes (the dashboard, the progress page, the index):
/// one self-contained file, in English, sized for phones, with its style inline and nothing
/// fetched from the network.
public enum HTMLPage {
    /// `body` in a whole page titled `title` (escaped here) with `style` as its only stylesheet.
    public static func page(title: String, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(PeopleText.html(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
