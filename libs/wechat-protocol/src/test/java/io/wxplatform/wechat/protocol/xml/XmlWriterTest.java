package io.wxplatform.wechat.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void writesTextInCdataNumbersAndDecimalsBareAndNestedElements() {
        String xml = XmlWriter.root()
                .text("MsgType", "event")
                .number("CreateTime", 1348831860)
                .open("SendLocationInfo")
                .decimal("Location_X", new BigDecimal("23.13452100"))
                .decimal("Scale", new BigDecimal("1E+1"))
                .close("SendLocationInfo")
                .build();

        assertThat(xml)
                .isEqualTo(
                        "<xml><MsgType><![CDATA[event]]></MsgType><CreateTime>1348831860</CreateTime>"
                                + "<SendLocationInfo><Location_X>23.13452100</Location_X><Scale>10</Scale></SendLocationInfo></xml>");
        assertThat(SafeXml.parseFields(xml)).contains(entry("SendLocationInfo.Location_X", "23.13452100"));
    }

    @Test
    void lengthTellsWhetherAnOptionalPartWroteAnything() {
        XmlWriter xml = XmlWriter.root();
        int before = xml.length();

        xml.optionalText("Label", null);
        assertThat(xml.length()).isEqualTo(before);

        xml.optionalText("Label", "home");
        assertThat(xml.length()).isGreaterThan(before);
    }
}
