/** Value types every module may use: ids, channel kinds, geographic points. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.civicloop.shared;
