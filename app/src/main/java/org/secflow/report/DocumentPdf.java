package org.secflow.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Turns a document rendered by Freemarker (well-formed XHTML) into a PDF with openhtmltopdf. The
 * Chinese text needs a TrueType font with CJK glyphs embedded in the file (the PDF reader may have
 * none): Droid Sans Fallback ships with the app and stands in for every font-family and weight.
 */
@Component
public class DocumentPdf {

    static final String FONT = "fonts/DroidSansFallbackFull.ttf";
    static final String FONT_FAMILY = "Droid Sans Fallback";

    private final byte[] font;

    DocumentPdf() {
        try (InputStream in = new ClassPathResource(FONT).getInputStream()) {
            this.font = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("report font " + FONT + " is missing", e);
        }
    }

    public byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        var useCases = EnumSet.of(FSFontUseCase.DOCUMENT, FSFontUseCase.FALLBACK_PRE);
        // the font has one weight: registered also as bold, so headings do not fall back to a font without CJK
        builder.useFont(() -> new ByteArrayInputStream(font), FONT_FAMILY, 400, FontStyle.NORMAL, true, useCases);
        builder.useFont(() -> new ByteArrayInputStream(font), FONT_FAMILY, 700, FontStyle.NORMAL, true, useCases);
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        }
        return out.toByteArray();
    }
}
