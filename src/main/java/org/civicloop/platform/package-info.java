/** Configuration shared by the whole application: database, security, web support, time. */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.civicloop.platform;
