package org.civicloop.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PhotosTests {

    static byte[] png() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    }

    @Test
    void recognisesPicturesByTheirFirstBytes() {
        assertThat(Photos.contentType(png())).contains("image/png");
        assertThat(Photos.contentType(
                        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1
                        }))
                .contains("image/jpeg");
        assertThat(Photos.contentType("GIF89a......".getBytes(StandardCharsets.US_ASCII)))
                .contains("image/gif");
        assertThat(Photos.contentType("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)))
                .contains("image/webp");
        assertThat(Photos.contentType("\0\0\0\u0018ftypheic\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1)))
                .contains("image/heic");
    }

    @Test
    void refusesAnythingElseWhateverItIsCalled() {
        assertThat(Photos.contentType("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(Photos.contentType("%PDF-1.7\n%âãÏÓ".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(Photos.contentType("\0\0\0\u0018ftypisom\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1)))
                .isEmpty();
        assertThat(Photos.contentType(new byte[3])).isEmpty();
        assertThat(Photos.contentType(null)).isEmpty();
    }

    @Test
    void keepsOnlyTheBaseNameOfAnUploadedFile() {
        assertThat(ReportController.safeFileName("C:\\Users\\me\\pothole.jpg")).isEqualTo("pothole.jpg");
        assertThat(ReportController.safeFileName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(ReportController.safeFileName("a<b>\"c.png")).isEqualTo("a_b__c.png");
    }
}
